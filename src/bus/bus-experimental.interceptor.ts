import { type CallHandler, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { WithEnvelopeExtras } from '../common/http/envelope';
import { BUS_EXPERIMENTAL } from './bus.mapper';

/** Adds the top-level `"experimental": "v0.4-experimental"` to every bus admin response (docs/capsule-bus.md, "Capsule
 * Bus (experimental)"). */
@Injectable()
export class BusExperimentalInterceptor implements NestInterceptor {
  intercept(_ctx: unknown, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(map((value: unknown) => new WithEnvelopeExtras(value, { experimental: BUS_EXPERIMENTAL })));
  }
}
