import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoColumn, NullableId, TextColumn } from '../database/columns';

@Entity('system_settings')
@Index('uq_system_settings_ws_key', ['workspaceId', 'key'], { unique: true })
export class SystemSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @NullableId() workspaceId!: string | null;
  @TextColumn() key!: string;
  @TextColumn() valueJson!: string;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
