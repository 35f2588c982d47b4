import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { csvList } from '../../common/http/query-list';

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** `GET /api/admin/capsule-services/health-timelines?serviceIds=svc_a,svc_b&hours=24`. */
export class HealthTimelinesQueryDto {
  @ApiPropertyOptional({ description: 'Up to 100 service ids, comma-separated' })
  @Transform(csvList)
  @IsArray()
  @ArrayMinSize(1, { message: 'serviceIds needs at least one id' })
  @ArrayMaxSize(100, { message: 'serviceIds takes at most 100 ids' })
  @Matches(/^svc_[A-Za-z0-9_-]{1,60}$/, { each: true, message: 'serviceIds must be svc_ ids' })
  serviceIds!: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 168, default: 24 })
  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'hours must be an integer' })
  @Min(1)
  @Max(168)
  hours?: number;
}
