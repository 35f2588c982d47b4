import assert from 'node:assert/strict';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { FileTokenStore, MemoryTokenStore, parseTokenFile, TokenStoreError } from '../src/index.js';
import { tempDir } from '../test-support/agent-factory.js';

const creds = { agentId: 'agt_01', agentToken: 'opstage_agent_secretvalue', backendUrl: 'http://127.0.0.1:1' };

describe('FileTokenStore', () => {
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();

  before(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  after(() => cleanup());

  it('returns null when the file does not exist', async () => {
    assert.equal(await new FileTokenStore(join(dir, 'missing.json')).load(), null);
  });

  it('writes canonical JSON with mode 0600 in a 0700 directory and reads it back', async () => {
    const file = join(dir, 'nested', 'agent-token.json');
    const store = new FileTokenStore(file);
    await store.save(creds);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'nested'))).mode & 0o777, 0o700);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), creds);
    assert.deepEqual(await store.load(), creds);
  });

  it('replaces the file atomically (new inode via rename, no temp files left)', async () => {
    const file = join(dir, 'atomic.json');
    const store = new FileTokenStore(file);
    await store.save(creds);
    const before = await stat(file);
    await store.save({ ...creds, agentToken: 'opstage_agent_rotated' });
    const afterSave = await stat(file);
    assert.notEqual(afterSave.ino, before.ino, 'the old file must be replaced by rename, not rewritten in place');
    assert.equal(afterSave.mode & 0o777, 0o600);
    assert.equal((await store.load())?.agentToken, 'opstage_agent_rotated');
    const leftovers = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
  });

  it('refuses a group/world-readable file with a chmod 600 hint', async () => {
    const file = join(dir, 'loose.json');
    await writeFile(file, JSON.stringify(creds));
    await chmod(file, 0o644);
    await assert.rejects(new FileTokenStore(file).load(), (error: unknown) => {
      assert.ok(error instanceof TokenStoreError);
      assert.equal(error.code, 'TOKEN_FILE_INSECURE');
      assert.match(error.message, /chmod 600/);
      assert.match(error.message, /0644/);
      assert.ok(!error.message.includes('opstage_agent_'), 'the message must not leak the token');
      return true;
    });
  });

  it('reads legacy plain-text "agentId:agentToken" files', async () => {
    const file = join(dir, 'legacy.txt');
    await writeFile(file, 'agt_legacy:opstage_agent_legacytoken\n', { mode: 0o600 });
    assert.deepEqual(await new FileTokenStore(file).load(), {
      agentId: 'agt_legacy',
      agentToken: 'opstage_agent_legacytoken',
    });
  });

  it('treats corrupted and bare-token files as missing, with a warning', async () => {
    const warnings: string[] = [];
    const corrupted = join(dir, 'corrupted.json');
    await writeFile(corrupted, '{"agentId": "agt_x", ', { mode: 0o600 });
    assert.equal(await new FileTokenStore(corrupted, { onWarning: (m) => warnings.push(m) }).load(), null);
    const bare = join(dir, 'bare.txt');
    await writeFile(bare, 'opstage_agent_onlytoken', { mode: 0o600 });
    assert.equal(await new FileTokenStore(bare, { onWarning: (m) => warnings.push(m) }).load(), null);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /not a valid token file/);
    assert.match(warnings[1] ?? '', /legacy format/);
  });

  it('clear() deletes the file and tolerates a missing one', async () => {
    const file = join(dir, 'clear.json');
    const store = new FileTokenStore(file);
    await store.save(creds);
    await store.clear();
    assert.equal(await store.load(), null);
    await store.clear();
  });
});

describe('token parsing and memory store', () => {
  it('parses canonical, legacy JSON and legacy two-line formats', () => {
    assert.deepEqual(parseTokenFile(JSON.stringify({ ...creds, savedAt: '2025-01-01T00:00:00.000Z' })), {
      ...creds,
      savedAt: '2025-01-01T00:00:00.000Z',
    });
    assert.deepEqual(parseTokenFile('{"id":"agt_a","token":"opstage_agent_b","createdAt":"x"}'), {
      agentId: 'agt_a',
      agentToken: 'opstage_agent_b',
      savedAt: 'x',
    });
    assert.deepEqual(parseTokenFile('agt_a\nopstage_agent_b\n'), { agentId: 'agt_a', agentToken: 'opstage_agent_b' });
    assert.equal(parseTokenFile(''), null);
    assert.equal(parseTokenFile('[1,2]'), null);
    assert.equal(parseTokenFile('hello'), null);
  });

  it('MemoryTokenStore round-trips copies', async () => {
    const store = new MemoryTokenStore();
    assert.equal(await store.load(), null);
    await store.save(creds);
    const loaded = await store.load();
    assert.deepEqual(loaded, creds);
    await store.clear();
    assert.equal(await store.load(), null);
  });
});
