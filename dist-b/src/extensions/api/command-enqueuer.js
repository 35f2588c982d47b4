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
exports.CommandEnqueuer = void 0;
const common_1 = require("@nestjs/common");
const commands_service_1 = require("../../commands/commands.service");
/**
 * Creates ACTION_EXECUTE commands through the same checks as the console (action exists and is
 * enabled, payload schema, confirmation, agent availability), sealed secrets, audit and agent wake-up.
 */
let CommandEnqueuer = class CommandEnqueuer {
    commands;
    constructor(commands) {
        this.commands = commands;
    }
    enqueue(ctx, input) {
        return this.commands.enqueue(ctx, {
            serviceId: input.serviceId,
            actionName: input.actionName,
            payload: input.payload,
            confirmation: input.confirmation,
            createdBy: { type: 'EXTENSION', id: input.extension },
        });
    }
};
exports.CommandEnqueuer = CommandEnqueuer;
exports.CommandEnqueuer = CommandEnqueuer = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [commands_service_1.CommandsService])
], CommandEnqueuer);
//# sourceMappingURL=command-enqueuer.js.map