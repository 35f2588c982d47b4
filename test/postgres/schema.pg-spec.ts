import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../migrations';
import { postgresDataSourceOptions } from '../../src/database/data-source-options';
import { migrate } from '../../src/database/migrate';
import { CreateWebhookDeliveries1764400000000 } from '../../src/extensions/webhook-notifier/migrations/1764400000000-CreateWebhookDeliveries';
import { WebhookDeliveryEntity } from '../../src/extensions/webhook-notifier/webhook-delivery.entity';
import { CreateExampleEvents1764500000000 } from '../fixtures/example-extension/migrations/1764500000000-CreateExampleEvents';
import { ExampleEventEntity } from '../fixtures/example-extension/example-event.entity';
import { adminUrl, databaseUrl } from '../support/postgres/test-database';

/**
 * PostgreSQL's schema: its migrations build exactly the entity model (the drift check of this
 * dialect; `npm run migration:check` is SQLite's), run up and down, and replicas starting together
 * migrate once under the advisory lock. Each test works on its own empty database.
 */
describe('PostgreSQL migrations', () => {
  let name: string;
  const opened: DataSource[] = [];

  async function admin<T>(sql: string): Promise<T> {
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      return (await client.query(sql)) as T;
    } finally {
      await client.end();
    }
  }

  function open(withExtensions = false): Promise<DataSource> {
    const ds = new DataSource(
      postgresDataSourceOptions({
        url: databaseUrl(name),
        poolSize: 3,
        replicaId: 'schema-spec',
        extraEntities: withExtensions ? [WebhookDeliveryEntity, ExampleEventEntity] : [],
        extraMigrations: withExtensions ? [CreateWebhookDeliveries1764400000000, CreateExampleEvents1764500000000] : [],
      }),
    );
    opened.push(ds);
    return ds.initialize();
  }

  beforeEach(async () => {
    name = `opstage_schema_${process.pid}_${Date.now()}`;
    await admin(`CREATE DATABASE "${name}"`);
  });
  afterEach(async () => {
    for (const ds of opened.splice(0)) if (ds.isInitialized) await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('builds exactly the entity model: no schema change left after migrating (drift check), extensions included', async () => {
    const ds = await open(true);
    expect(await migrate(ds)).toEqual(ds.migrations.map((m) => m.name));
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs every migration down and up again', async () => {
    const ds = await open(true);
    await migrate(ds);
    for (let i = 0; i < ds.migrations.length; i += 1) await ds.undoLastMigration();
    const left = await ds.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(left).toEqual([]);
    expect(await migrate(ds)).toHaveLength(ds.migrations.length);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('replicas starting at once migrate once: the others wait on the lock and find nothing to do', async () => {
    const [first, ...others] = await Promise.all([open(), open(), open()]);
    const replicas = [first, ...others];
    const ran = await Promise.all(replicas.map((ds) => migrate(ds)));
    const all = POSTGRES_MIGRATIONS.map((m) => new m().name);
    expect(ran.filter((r) => r.length > 0)).toEqual([all]);
    expect(ran.filter((r) => r.length === 0)).toHaveLength(2);
    const rows = await first.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(all);
  });
});
