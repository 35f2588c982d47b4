import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IsoColumn, NullableId, NullableText, TextColumn } from '../database/columns';
import type { BusRouteStatus } from '../contracts';

@Entity('bus_routes')
@Index('idx_bus_routes_match', ['workspaceId', 'status', 'eventType', 'sourceServiceCode'])
@Index('idx_bus_routes_ws_created', ['workspaceId', 'createdAt'])
export class BusRouteEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @IdColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @NullableText() description!: string | null;
  @TextColumn({ default: 'DISABLED' }) status!: BusRouteStatus;
  @NullableText() sourceServiceCode!: string | null;
  @TextColumn() eventType!: string;
  @TextColumn() targetServiceCode!: string;
  @TextColumn() actionName!: string;
  @TextColumn({ default: '{}' }) inputMappingJson!: string;
  @TextColumn({ default: '{}' }) metadataJson!: string;
  @NullableId() createdByUserId!: string | null;
  @IsoColumn() createdAt!: string;
  @IsoColumn() updatedAt!: string;
}
