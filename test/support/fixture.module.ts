import { Body, Controller, Get, HttpCode, Module, Post, Query } from '@nestjs/common';
import { IsInt, IsString, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { Public } from '../../src/common/auth/policy.decorators';
import { PaginationQueryDto, pageRequest } from '../../src/common/http/pagination.dto';

class EchoBody {
  @IsString() @MinLength(2) name!: string;
  @Type(() => Number) @IsInt() @Min(1) count!: number;
}

/** Test-only routes that exercise the global pipe, filter and envelope without any domain module. */
@Controller('api/test-fixture')
export class FixtureController {
  @Public()
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: EchoBody): EchoBody {
    return body;
  }

  @Public()
  @Get('page')
  page(@Query() query: PaginationQueryDto): unknown {
    return pageRequest(query);
  }

  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('SQLITE_CONSTRAINT: secret driver detail');
  }
}

@Module({ controllers: [FixtureController] })
export class FixtureModule {}
