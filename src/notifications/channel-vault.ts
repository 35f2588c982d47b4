import { Injectable } from '@nestjs/common';
import { SecretSealer } from '../common/crypto/secret-sealer';
import { splitSecrets } from './channel-settings';
import { jsonObject } from './notifications.mapper';
import type { NotificationChannelEntity } from './notification-channel.entity';
import type { NotificationChannelSettings, NotificationChannelType } from '../contracts';

/**
 * Seals and opens the secret fields of channel settings with the same AES-256-GCM sealing the commands
 * use (docs/design/decisions.md, "Sealed secrets, not process memory"); nothing else ever sees them.
 */
@Injectable()
export class ChannelVault {
  constructor(private readonly sealer: SecretSealer) {}

  /** The two columns to store for checked settings. */
  seal(
    type: NotificationChannelType,
    settings: NotificationChannelSettings,
  ): Pick<NotificationChannelEntity, 'settingsJson' | 'sealedSecrets'> {
    const { readable, secrets } = splitSecrets(type, settings);
    return { settingsJson: JSON.stringify(readable), sealedSecrets: secrets ? this.sealer.seal(secrets) : null };
  }

  /** The stored secret fields; empty when none is set or the seal cannot be opened (another session secret). */
  secrets(row: Pick<NotificationChannelEntity, 'sealedSecrets'>): Record<string, unknown> {
    if (!row.sealedSecrets) return {};
    const opened = this.sealer.open(row.sealedSecrets);
    return typeof opened === 'object' && opened !== null && !Array.isArray(opened)
      ? (opened as Record<string, unknown>)
      : {};
  }

  /** The full settings, secrets included, for sending (and for keeping masked values on an update). */
  open(row: Pick<NotificationChannelEntity, 'settingsJson' | 'sealedSecrets'>): Record<string, unknown> {
    return { ...jsonObject(row.settingsJson), ...this.secrets(row) };
  }
}
