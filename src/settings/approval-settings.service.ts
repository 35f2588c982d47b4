import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/transaction';
import { DEFAULT_WORKSPACE_ID } from '../workspaces/workspace.entity';
import { SettingsRepository } from './settings.repository';
import type { ApprovalSettings, DangerLevel } from '../contracts';

export const APPROVAL_SETTINGS_ID = 'set_approvals';
export const DANGER_LEVELS: readonly DangerLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = { dangerLevels: ['CRITICAL'], approvalTtlSeconds: 3600 };

/**
 * The four-eyes settings (docs/actions-and-commands.md, "Approval"). Read from the database on every
 * use, not cached: only executes and the sweep read them, and every replica then sees a change at once
 * without a bus message.
 */
@Injectable()
export class ApprovalSettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  async get(em?: EntityManager): Promise<ApprovalSettings> {
    const row = await this.repository.findById(APPROVAL_SETTINGS_ID, em);
    return row ? parseSettings(row.valueJson) : { ...DEFAULT_APPROVAL_SETTINGS };
  }

  /** Merges a validated partial update; the caller audits. */
  async update(patch: Partial<ApprovalSettings>, em: Tx): Promise<ApprovalSettings> {
    const now = this.clock.nowIso();
    const existing = await this.repository.findById(APPROVAL_SETTINGS_ID, em);
    const next = existing ? parseSettings(existing.valueJson) : { ...DEFAULT_APPROVAL_SETTINGS };
    // Only the keys sent: a DTO instance carries the others as undefined.
    if (patch.dangerLevels !== undefined) next.dangerLevels = patch.dangerLevels;
    if (patch.approvalTtlSeconds !== undefined) next.approvalTtlSeconds = patch.approvalTtlSeconds;
    next.dangerLevels = DANGER_LEVELS.filter((level) => next.dangerLevels.includes(level));
    await this.repository.save(
      {
        id: APPROVAL_SETTINGS_ID,
        workspaceId: DEFAULT_WORKSPACE_ID,
        key: 'approvals',
        valueJson: JSON.stringify(next),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      },
      em,
    );
    return next;
  }
}

/** A corrupt stored row falls back to the defaults, field by field, instead of breaking executes. */
function parseSettings(json: string): ApprovalSettings {
  const out = { ...DEFAULT_APPROVAL_SETTINGS };
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object') return out;
    const { dangerLevels, approvalTtlSeconds } = value as Record<string, unknown>;
    if (Array.isArray(dangerLevels)) out.dangerLevels = DANGER_LEVELS.filter((level) => dangerLevels.includes(level));
    if (typeof approvalTtlSeconds === 'number' && Number.isInteger(approvalTtlSeconds) && approvalTtlSeconds > 0)
      out.approvalTtlSeconds = approvalTtlSeconds;
    return out;
  } catch {
    return out;
  }
}
