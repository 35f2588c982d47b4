"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainEvents = void 0;
const common_1 = require("@nestjs/common");
const event_emitter_1 = require("@nestjs/event-emitter");
/**
 * Publishes typed domain events. Callers emit only after their transaction committed (use
 * `TransactionRunner.afterCommit` inside one); delivery is deferred to a later tick so a slow or
 * failing listener never delays or fails the request or sweep that raised the event.
 */
let DomainEvents = class DomainEvents {
    emitter;
    logger = new common_1.Logger('events');
    constructor(emitter) {
        this.emitter = emitter;
    }
    emit(name, payload) {
        const frozen = Object.freeze({ ...payload });
        setImmediate(() => {
            try {
                this.emitter.emitAsync(name, frozen).catch((error) => this.listenerFailed(name, error));
            }
            catch (error) {
                this.listenerFailed(name, error);
            }
        });
    }
    listenerFailed(name, error) {
        this.logger.error({ msg: 'event listener failed', event: name, error: error instanceof Error ? error.message : String(error) });
    }
};
exports.DomainEvents = DomainEvents;
exports.DomainEvents = DomainEvents = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [event_emitter_1.EventEmitter2])
], DomainEvents);
//# sourceMappingURL=domain-events.js.map