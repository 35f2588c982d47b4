import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BoolColumn, IdColumn, IsoColumn, NullableText, TextColumn } from '../database/columns';
import { CapsuleServiceEntity } from './capsule-service.entity';

/** Sensitive items never store `valuePreview`/`defaultValue`; `secretRef` is kept. */
@Entity('config_items')
@Index('uq_config_items_service_key', ['serviceId', 'configKey'], { unique: true })
export class ConfigItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() serviceId!: string;
  @ManyToOne(() => CapsuleServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'serviceId' })
  service?: CapsuleServiceEntity;
  @TextColumn() configKey!: string;
  @NullableText() label!: string | null;
  @TextColumn({ default: 'string' }) type!: string;
  @NullableText() source!: string | null;
  @BoolColumn(false) editable!: boolean;
  @BoolColumn(false) sensitive!: boolean;
  @NullableText() valuePreview!: string | null;
  @NullableText() defaultValue!: string | null;
  @NullableText() secretRef!: string | null;
  @NullableText() description!: string | null;
  @TextColumn({ default: '{}' }) metadataJson!: string;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
