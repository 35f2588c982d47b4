import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PublicCommand } from '@opstage/contracts';
import { I18nService } from '../../core/i18n/i18n.service';
import { ApprovalPanelComponent } from './approval-panel.component';
import { canCancel, canDecide } from './command-rules';

const WAITING: PublicCommand = {
  id: 'cmd_1',
  agentId: 'agt_1',
  serviceId: 'svc_1',
  type: 'ACTION_EXECUTE',
  actionName: 'wipe-cache',
  status: 'AWAITING_APPROVAL',
  payload: {},
  createdByUserId: 'usr_alice',
  createdByType: 'USER',
  createdById: 'usr_alice',
  retryOfCommandId: null,
  errorCode: null,
  errorMessage: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  completedAt: null,
  expiresAt: '2026-01-01T01:00:00.000Z',
  durationMs: null,
};

describe('command rules for approval', () => {
  it('lets anyone but the requesting user decide on a waiting command, and the requester withdraw it', () => {
    expect(canDecide(WAITING, 'usr_bob')).toBe(true);
    expect(canDecide(WAITING, 'usr_alice')).toBe(false);
    expect(canDecide({ ...WAITING, status: 'PENDING' }, 'usr_bob')).toBe(false);
    // A token's request: the server knows the token's user; the console offers the buttons.
    expect(
      canDecide({ ...WAITING, createdByType: 'API_TOKEN', createdById: 'atk_1' }, 'usr_alice'),
    ).toBe(true);
    expect(canCancel(WAITING)).toBe(true);
  });
});

describe('ApprovalPanelComponent', () => {
  let fixture: ComponentFixture<ApprovalPanelComponent>;
  let backend: HttpTestingController;
  const q = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  async function render(userId: string) {
    TestBed.configureTestingModule({
      imports: [ApprovalPanelComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApprovalPanelComponent);
    fixture.componentRef.setInput('command', WAITING);
    fixture.componentRef.setInput('userId', userId);
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('tells the requester a second person must decide, and offers no buttons', async () => {
    await render('usr_alice');
    expect(q('approval-own')?.textContent).toContain('another operator or an owner');
    expect(q('approval-approve')).toBeNull();
    expect(q('approval-reject')).toBeNull();
  });

  it('approves for another operator and reports the decision', async () => {
    await render('usr_bob');
    const decided: PublicCommand[] = [];
    fixture.componentInstance.decided.subscribe((c) => decided.push(c));
    q('approval-approve')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/admin/commands/cmd_1/approve' });
    expect(req.request.body).toEqual({});
    req.flush({ success: true, data: { ...WAITING, status: 'PENDING' } });
    // The badge refreshes after a decision.
    backend
      .expectOne((r) => r.url === '/api/admin/commands')
      .flush({
        success: true,
        data: [],
        pagination: { page: 1, pageSize: 1, total: 0 },
      });
    expect(decided.map((c) => c.status)).toEqual(['PENDING']);
  });

  it('sends the comment, trimmed, with an approval', async () => {
    await render('usr_bob');
    const area = q('approval-comment') as HTMLTextAreaElement;
    area.value = '  checked with the team  ';
    area.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    q('approval-approve')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/admin/commands/cmd_1/approve' });
    expect(req.request.body).toEqual({ comment: 'checked with the team' });
    req.flush({ success: true, data: { ...WAITING, status: 'PENDING' } });
    backend
      .expectOne((r) => r.url === '/api/admin/commands')
      .flush({ success: true, data: [], pagination: { page: 1, pageSize: 1, total: 0 } });
  });

  it('rejects only with a comment, which it sends trimmed', async () => {
    await render('usr_bob');
    expect((q('approval-reject') as HTMLButtonElement).disabled).toBe(true);
    const area = q('approval-comment') as HTMLTextAreaElement;
    area.value = '  not now  ';
    area.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect((q('approval-reject') as HTMLButtonElement).disabled).toBe(false);
    q('approval-reject')!.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/admin/commands/cmd_1/reject' });
    expect(req.request.body).toEqual({ comment: 'not now' });
    req.flush({
      success: true,
      data: { ...WAITING, status: 'CANCELLED', errorCode: 'APPROVAL_REJECTED' },
    });
    backend
      .expectOne((r) => r.url === '/api/admin/commands')
      .flush({
        success: true,
        data: [],
        pagination: { page: 1, pageSize: 1, total: 0 },
      });
  });
});
