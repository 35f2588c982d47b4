import { Entity, PrimaryColumn } from 'typeorm';
import { IsoColumn, TextColumn } from '../database/columns';

export const DEFAULT_WORKSPACE_ID = 'wks_default';

@Entity('workspaces')
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @TextColumn({ unique: true }) code!: string;
  @TextColumn() name!: string;
  @TextColumn({ default: 'ACTIVE' }) status!: string;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
