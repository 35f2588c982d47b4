import { Module } from '@nestjs/common';
import { ExtensionError } from './extension-error';
import { loadInstalledExtensions } from './extension-loader';
import { OpstageExtension } from './opstage-extension.decorator';

@OpstageExtension({ name: 'acme', version: '1.0.0', compatibility: '*' })
@Module({})
class AcmeExtension {}

@OpstageExtension({ name: 'other', version: '1.0.0', compatibility: '*' })
@Module({})
class OtherExtension {}

describe('loadInstalledExtensions', () => {
  const packages: Record<string, unknown> = {
    'as-module': AcmeExtension,
    'as-default': { default: AcmeExtension, helper: () => 1 },
    'as-named': { AcmeExtension, VERSION: '1.0.0' },
    'two-named': { AcmeExtension, OtherExtension },
    nothing: { helper: () => 1 },
    'as-factory': {
      opstageExtension: (api: { OpstageExtension: typeof OpstageExtension }) => {
        @api.OpstageExtension({ name: 'built', version: '1.0.0', compatibility: '*' })
        @Module({})
        class BuiltExtension {}
        return BuiltExtension;
      },
    },
    'bad-factory': { opstageExtension: () => ({}) },
  };
  const load = (id: string): unknown => {
    if (!(id in packages)) throw new Error(`Cannot find module '${id}'\nRequire stack: …`);
    return packages[id];
  };

  it('takes the module export, the default export or the single named extension export', () => {
    expect(loadInstalledExtensions(['as-module', 'as-default', 'as-named'], load)).toEqual([
      AcmeExtension,
      AcmeExtension,
      AcmeExtension,
    ]);
  });

  it('calls an opstageExtension(api) factory with the curated surface', () => {
    const [built] = loadInstalledExtensions(['as-factory'], load);
    expect(built).toEqual(expect.any(Function));
    expect((built as { name: string }).name).toBe('BuiltExtension');
    expect(() => loadInstalledExtensions(['bad-factory'], load)).toThrow(
      'Extension "bad-factory": opstageExtension(api) did not return an @OpstageExtension module.',
    );
  });

  it('names the package when it is missing or exports no/several extensions', () => {
    expect(() => loadInstalledExtensions(['missing-pkg'], load)).toThrow(
      new ExtensionError(
        'missing-pkg',
        "package could not be loaded (Cannot find module 'missing-pkg'); install it next to Opstage or remove it from OPSTAGE_EXTENSIONS.",
      ),
    );
    expect(() => loadInstalledExtensions(['nothing'], load)).toThrow(
      /Extension "nothing": the package exports no @OpstageExtension module/,
    );
    expect(() => loadInstalledExtensions(['two-named'], load)).toThrow(
      /Extension "two-named": the package exports 2 extension modules; export one as default/,
    );
  });
});
