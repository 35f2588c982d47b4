import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { Role } from '@opstage/contracts';
import { SessionStore } from '../../core/auth/session.store';
import { I18nService } from '../../core/i18n/i18n.service';
import { ApprovalSettingsPanelComponent } from './approval-settings-panel.component';

describe('ApprovalSettingsPanelComponent', () => {
  let fixture: ComponentFixture<ApprovalSettingsPanelComponent>;
  let backend: HttpTestingController;
  const q = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${testId}"]`);

  async function render(role: Role) {
    TestBed.configureTestingModule({
      imports: [ApprovalSettingsPanelComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(I18nService).setLanguage('en-US');
    TestBed.inject(SessionStore).setSession(
      {
        id: 'usr_1',
        username: role,
        displayName: null,
        role,
        status: 'ACTIVE',
        lastLoginAt: null,
        createdAt: 'x',
        updatedAt: 'x',
      },
      'csrf-1',
    );
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApprovalSettingsPanelComponent);
    backend
      .expectOne('/api/admin/settings/approvals')
      .flush({ success: true, data: { dangerLevels: ['CRITICAL'], approvalTtlSeconds: 3600 } });
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    backend.verify();
  });

  it('shows the levels read-only to an operator, with no save', async () => {
    await render('operator');
    expect(q('approval-level-CRITICAL')?.querySelector('input')?.checked).toBe(true);
    expect(q('approval-level-HIGH')?.querySelector('input')?.disabled).toBe(true);
    expect(q('approval-settings-save')).toBeNull();
  });

  it('lets an owner add HIGH and saves the levels in severity order', async () => {
    await render('owner');
    q('approval-level-HIGH')!.querySelector('input')!.click();
    await fixture.whenStable();
    q('approval-settings-save')!.click();
    const req = backend.expectOne({ method: 'PATCH', url: '/api/admin/settings/approvals' });
    expect(req.request.body).toEqual({
      dangerLevels: ['HIGH', 'CRITICAL'],
      approvalTtlSeconds: 3600,
    });
    req.flush({ success: true, data: req.request.body as object });
  });
});
