import { LinkedClusterBus } from '../../test/support/linked-cluster-bus';
import { CancelNoticeIndex } from './cancel-notice-index';
import { ClusterCommandNotifier } from './cluster-command-notifier';
import type { CommandRepository } from './command.repository';

describe('ClusterCommandNotifier', () => {
  const created: ClusterCommandNotifier[] = [];
  const replicas = (): [LinkedClusterBus, LinkedClusterBus, ClusterCommandNotifier, ClusterCommandNotifier] => {
    const a = new LinkedClusterBus();
    const b = a.peer();
    const na = new ClusterCommandNotifier(a);
    const nb = new ClusterCommandNotifier(b);
    created.push(na, nb);
    return [a, b, na, nb];
  };
  afterEach(() => created.splice(0).forEach((n) => n.releaseAll()));

  it('wakes a poll parked on another replica, and one on its own at once', async () => {
    const [a, , na, nb] = replicas();
    const remote = nb.subscribeAgent('agt_1');
    const local = na.subscribeAgent('agt_1');
    const remoteWait = remote.wait(1_000);
    na.notifyAgent('agt_1');
    await expect(local.wait(10)).resolves.toBe(true);
    a.flush();
    await expect(remoteWait).resolves.toBe(true);
  });

  it('answers a prepare waiting on another replica', async () => {
    const [, b, na, nb] = replicas();
    const waiting = na.subscribeCommand('cmd_1').wait(1_000);
    nb.notifyCommand('cmd_1');
    b.flush();
    await expect(waiting).resolves.toBe(true);
  });

  it('makes every waiter re-check once after its bus reconnected (a lost wake-up costs one check)', async () => {
    const [a, b, na, nb] = replicas();
    const poll = nb.subscribeAgent('agt_1');
    const prepare = nb.subscribeCommand('cmd_1');
    const other = na.subscribeAgent('agt_2');
    b.down = true;
    na.notifyAgent('agt_1');
    a.flush();
    await expect(poll.wait(20)).resolves.toBe(false);
    await b.reconnect();
    await expect(poll.wait(10)).resolves.toBe(true);
    await expect(prepare.wait(10)).resolves.toBe(true);
    await expect(other.wait(10)).resolves.toBe(false);
  });
});

describe('CancelNoticeIndex across replicas', () => {
  function repository(agents: string[]): CommandRepository {
    return { agentsWithUnnotifiedCancels: () => Promise.resolve([...agents]) } as unknown as CommandRepository;
  }

  it('indexes an agent on every replica once its cancel committed, and reloads after a reconnect', async () => {
    const a = new LinkedClusterBus();
    const b = a.peer();
    const stored: string[] = [];
    const ia = new CancelNoticeIndex(repository(stored), a);
    const ib = new CancelNoticeIndex(repository(stored), b);
    await ia.onApplicationBootstrap();
    await ib.onApplicationBootstrap();
    ia.add('agt_1');
    expect(ia.has('agt_1')).toBe(true);
    expect(ib.has('agt_1')).toBe(false);
    a.flush();
    expect(ib.has('agt_1')).toBe(true);

    b.down = true;
    stored.push('agt_2');
    ia.add('agt_2');
    a.flush();
    expect(ib.has('agt_2')).toBe(false);
    await b.reconnect();
    expect(ib.has('agt_2')).toBe(true);
  });

  it('keeps an agent whose new cancel arrived while its notices were being taken', () => {
    const bus = new LinkedClusterBus();
    const index = new CancelNoticeIndex(repository([]), bus);
    index.add('agt_1');
    const mark = index.mark();
    index.add('agt_1');
    index.remove('agt_1', mark);
    expect(index.has('agt_1')).toBe(true);
    index.remove('agt_1', index.mark());
    expect(index.has('agt_1')).toBe(false);
  });
});
