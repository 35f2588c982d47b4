import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  ArrayMaxSize,
  ArrayMinSize,
} from 'class-validator';
import type {
  ActionDefinitionWire,
  AgentIdentityWire,
  ConfigItemWire,
  DangerLevel,
  HealthReportInput,
  HealthStatus,
  HeartbeatRequest,
  RegisterAgentRequest,
  ReportedService,
  ServiceReportRequest,
} from '@opstage/agent-node/protocol';
import { REGISTRATION_TOKEN_PREFIX } from '../../common/crypto/token-service';
import { HandChecked, isPlainRecord, isShortString } from '../../common/http/hand-checked';

/** Service and agent codes (docs/agents.md, "Agent API (bearer token)"). */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const CODE_MESSAGE = 'code must match ^[a-z0-9][a-z0-9_-]*$';
const HEALTH: HealthStatus[] = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'];
const DANGER: DangerLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * Validation classes of the agent API requests. Each implements its wire interface from
 * `@opstage/agent-node/protocol` (sdk/src/protocol.ts), the one definition of the protocol, and
 * test/contracts/agent-protocol.contract.ts checks that both list the same fields. Fields agents
 * of the reference protocol may send without this SDK sending them are declared there and here,
 * so they are accepted, not 422 (docs/design/compatibility.md, "Fields and aliases").
 */
export class HealthInputDto implements HealthReportInput {
  @ApiProperty({ enum: HEALTH })
  @IsIn(HEALTH)
  status!: HealthStatus;

  @IsOptional() @IsString() @MaxLength(2000) message?: string;
  @IsOptional() @IsObject() details?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(40) checkedAt?: string;
  @IsOptional() @IsArray() dependencies?: unknown[];
}

export class ConfigInputDto implements ConfigItemWire {
  @IsString() @MinLength(1) @MaxLength(200) key!: string;
  @IsOptional() @IsString() @MaxLength(200) label?: string;
  @IsString() @MinLength(1) @MaxLength(80) type!: string;
  @IsOptional() @IsString() @MaxLength(200) source?: string;
  @IsOptional() @IsBoolean() editable?: boolean;
  @IsOptional() @IsBoolean() sensitive?: boolean;
  @IsOptional() @IsString() @MaxLength(4000) valuePreview?: string;
  @IsOptional() @IsString() @MaxLength(4000) defaultValue?: string;
  @IsOptional() @IsString() @MaxLength(500) secretRef?: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
  /** Design fields: accepted and dropped (currentValue is never stored, it may be a secret). */
  @IsOptional() currentValue?: unknown;
  @IsOptional() @IsBoolean() required?: boolean;
  @IsOptional() options?: unknown;
  @IsOptional() validation?: unknown;
  @IsOptional() @IsObject() metadata?: Record<string, unknown>;
}

export class ActionInputDto implements ActionDefinitionWire {
  @IsString() @MinLength(1) @MaxLength(128) name!: string;
  @IsString() @MinLength(1) @MaxLength(200) label!: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;

  @ApiPropertyOptional({ enum: DANGER, default: 'LOW' })
  @IsOptional()
  @IsIn(DANGER)
  dangerLevel?: DangerLevel;

  @IsOptional() @IsBoolean() requiresConfirmation?: boolean;
  @IsOptional() @IsString() @MaxLength(80) category?: string;
  @IsOptional() @IsNumber() order?: number;
  @IsOptional() @IsObject() inputSchema?: Record<string, unknown>;
  @IsOptional() @IsInt() @Min(1) timeoutSeconds?: number;
  /** Reported `enabled: false` keeps the action listed and refuses execution (the reference ignored it). */
  @IsOptional() @IsBoolean() enabled?: boolean;
  @IsOptional() @IsBoolean() hasPrepare?: boolean;
  @IsOptional() @IsObject() resultSchema?: Record<string, unknown>;
  @IsOptional() @IsObject() outputSchema?: Record<string, unknown>;
  @IsOptional() @IsObject() metadata?: Record<string, unknown>;
}

export class ReportedServiceDto implements ReportedService {
  @ApiProperty({ pattern: CODE_PATTERN.source, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @IsOptional() @IsString() @MaxLength(80) version?: string;
  /** Free text: the reference protocol lists nodejs|java|python|go|other but stores anything. */
  @IsOptional() @IsString() @MaxLength(80) runtime?: string;

  /** Stored key-redacted; extra fields kept (forward compatibility). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  manifest!: Record<string, unknown>;

  @IsOptional() @ValidateNested() @Type(() => HealthInputDto) health?: HealthInputDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ConfigInputDto)
  configs?: ConfigInputDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ActionInputDto)
  actions?: ActionInputDto[];

  /** OpHub extras (also read from the manifest when absent here). */
  @IsOptional() @IsArray() capabilities?: unknown[];
  @IsOptional() @IsArray() events?: unknown[];
}

export class AgentIdentityDto implements AgentIdentityWire {
  @ApiProperty({ pattern: CODE_PATTERN.source, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @IsOptional() @IsString() @MaxLength(200) name?: string;

  @ApiPropertyOptional({ enum: ['embedded', 'ophub'], default: 'embedded' })
  @IsOptional()
  @IsIn(['embedded', 'ophub'])
  mode?: 'embedded' | 'ophub';

  @IsOptional() @IsString() @MaxLength(80) runtime?: string;
  @IsOptional() @IsString() @MaxLength(80) version?: string;
  @IsOptional() @IsString() @MaxLength(255) hostname?: string;
  @IsOptional() @IsString() @MaxLength(80) sdkVersion?: string;
}

export class RegisterAgentDto implements RegisterAgentRequest {
  /** The reference schema's shape check: a wrong shape is 422 here, a well-formed bad token 401 later. */
  @ApiProperty({ description: 'opstage_reg_…', pattern: `^${REGISTRATION_TOKEN_PREFIX}` })
  @IsString({ message: 'registrationToken must be a string' })
  @Matches(new RegExp(`^${REGISTRATION_TOKEN_PREFIX}`), {
    message: `registrationToken must start with ${REGISTRATION_TOKEN_PREFIX}`,
  })
  @MaxLength(200)
  registrationToken!: string;

  @ValidateNested() @Type(() => AgentIdentityDto) @IsObject() agent!: AgentIdentityDto;

  @IsOptional() @ValidateNested() @Type(() => ReportedServiceDto) service?: ReportedServiceDto;
}

/**
 * The heartbeats agents send (`{}`, or a service id with a plain health report) without
 * class-transformer and class-validator; anything else, every invalid body included, goes to the
 * full pipe (docs/performance.md, "Agent hot path").
 */
function handCheckHeartbeat(value: unknown): HeartbeatDto | undefined {
  const dto = new HeartbeatDto();
  if (value === undefined) return dto;
  if (!isPlainRecord(value)) return undefined;
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === 'serviceId' && isShortString(field, 40) && field.startsWith('svc_')) dto.serviceId = field;
    else if (key === 'health') {
      const health = handCheckHealth(field);
      if (health === undefined) return undefined;
      dto.health = health;
    } else return undefined;
  }
  return dto;
}

function handCheckHealth(value: unknown): HealthInputDto | undefined {
  if (!isPlainRecord(value)) return undefined;
  const dto = new HealthInputDto();
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === 'status' && (HEALTH as unknown[]).includes(field)) dto.status = field as HealthStatus;
    else if (key === 'message' && isShortString(field, 2000)) dto.message = field;
    else if (key === 'details' && isPlainRecord(field)) dto.details = field;
    else if (key === 'checkedAt' && isShortString(field, 40)) dto.checkedAt = field;
    else if (key === 'dependencies' && Array.isArray(field)) dto.dependencies = field as unknown[];
    else return undefined;
  }
  return dto.status === undefined ? undefined : dto;
}

@HandChecked(handCheckHeartbeat)
export class HeartbeatDto implements HeartbeatRequest {
  @IsOptional()
  @IsString()
  @Matches(/^svc_/, { message: 'serviceId must start with svc_' })
  @MaxLength(40)
  serviceId?: string;
  @IsOptional() @ValidateNested() @Type(() => HealthInputDto) health?: HealthInputDto;
}

export class ServiceReportDto implements ServiceReportRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ReportedServiceDto)
  services!: ReportedServiceDto[];
}
