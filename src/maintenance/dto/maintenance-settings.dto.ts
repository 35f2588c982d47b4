import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import type { MaintenanceSettings } from '../../contracts';

/** `0` switches the feature off; anything else must be at least `min` (a 1 s sweep would hammer SQLite). */
function ZeroOrAtLeast(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'zeroOrAtLeast',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && (value === 0 || value >= min),
        defaultMessage: () => `must be 0 (off) or at least ${min}`,
      },
    },
    options,
  );
}

/** Partial update of the runtime maintenance settings (owner only); ranges per the bad-input list. */
export class UpdateMaintenanceSettingsDto implements Partial<MaintenanceSettings> {
  @ApiPropertyOptional({
    minimum: 5,
    maximum: 2592000,
    description: 'Heartbeat age after which an agent counts as offline',
  })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(2_592_000)
  agentOfflineThresholdSeconds?: number;

  @ApiPropertyOptional({ description: 'Sweep period in seconds; 0 = off, otherwise at least 5' })
  @IsOptional()
  @IsInt()
  @ZeroOrAtLeast(5)
  @Max(86_400)
  maintenanceIntervalSeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: 'Days of audit kept; 0 = keep forever' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  auditRetentionDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 3650,
    description: 'Days finished commands, revoked agent tokens and bus events are kept; 0 = keep',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  commandRetentionDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: 'Health reports kept per service' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  healthReportsKeep?: number;
}
