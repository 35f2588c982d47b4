import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  count(em: EntityManager = this.tx.manager): Promise<number> {
    return em.count(UserEntity);
  }

  findById(id: string, em: EntityManager = this.tx.manager): Promise<UserEntity | null> {
    return em.findOne(UserEntity, { where: { id } });
  }

  findByUsername(username: string, em: EntityManager = this.tx.manager): Promise<UserEntity | null> {
    return em.findOne(UserEntity, { where: { username } });
  }

  async insert(user: UserEntity, em: EntityManager = this.tx.manager): Promise<void> {
    await em.insert(UserEntity, user);
  }
}
