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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExtensionsBootLog = exports.EXTENSION_WARNINGS = exports.REGISTERED_EXTENSIONS = void 0;
const common_1 = require("@nestjs/common");
exports.REGISTERED_EXTENSIONS = Symbol('REGISTERED_EXTENSIONS');
exports.EXTENSION_WARNINGS = Symbol('EXTENSION_WARNINGS');
/** Logs what the registry accepted, once the app logger is in place (the registry runs before Nest). */
let ExtensionsBootLog = class ExtensionsBootLog {
    extensions;
    warnings;
    logger = new common_1.Logger('extensions');
    constructor(extensions, warnings) {
        this.extensions = extensions;
        this.warnings = warnings;
    }
    onApplicationBootstrap() {
        for (const warning of this.warnings)
            this.logger.warn(warning);
        if (this.extensions.length === 0)
            return;
        this.logger.log({ msg: 'extensions loaded', extensions: this.extensions.map((e) => ({ name: e.name, version: e.version, basePath: e.basePath })) });
    }
};
exports.ExtensionsBootLog = ExtensionsBootLog;
exports.ExtensionsBootLog = ExtensionsBootLog = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(exports.REGISTERED_EXTENSIONS)),
    __param(1, (0, common_1.Inject)(exports.EXTENSION_WARNINGS)),
    __metadata("design:paramtypes", [Array, Array])
], ExtensionsBootLog);
//# sourceMappingURL=extensions-boot-log.js.map