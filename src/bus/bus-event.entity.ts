import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, IsoColumn, NullableId, NullableText, TextColumn } from '../database/columns';

@Entity('bus_events')
@Index('idx_bus_events_ws_accepted', ['workspaceId', 'acceptedAt'])
@Index('idx_bus_events_type_service', ['eventType', 'serviceCode'])
@Index('idx_bus_events_agent_accepted', ['agentId', 'acceptedAt'])
export class BusEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @IdColumn() agentId!: string;
  @NullableId() serviceId!: string | null;
  @TextColumn() serviceCode!: string;
  @TextColumn() eventType!: string;
  @TextColumn({ default: '{}' }) payloadJson!: string;
  @TextColumn({ default: '{}' }) metadataJson!: string;
  @NullableText() correlationId!: string | null;
  @NullableText() causationId!: string | null;
  @IntColumn({ default: 0 }) depth!: number;
  @IsoColumn() occurredAt!: string;
  @IsoColumn() acceptedAt!: string;
  @IntColumn({ default: 0 }) routeCount!: number;
}
