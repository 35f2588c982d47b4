import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApprovalsBadgeStore } from './approvals-badge.store';

function page(total: number) {
  return {
    success: true,
    data: [],
    pagination: { page: 1, pageSize: 1, total },
  };
}

describe('ApprovalsBadgeStore', () => {
  let store: ApprovalsBadgeStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(ApprovalsBadgeStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('counts the commands waiting for approval from one list row', () => {
    store.refresh();
    const req = backend.expectOne((r) => r.url === '/api/admin/commands');
    expect(req.request.params.get('status')).toBe('AWAITING_APPROVAL');
    expect(req.request.params.get('pageSize')).toBe('1');
    req.flush(page(3));
    expect(store.count()).toBe(3);
  });

  it('keeps the last count when a refresh fails, and clears on logout', () => {
    store.refresh();
    backend.expectOne((r) => r.url === '/api/admin/commands').flush(page(2));
    store.refresh();
    backend
      .expectOne((r) => r.url === '/api/admin/commands')
      .flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(store.count()).toBe(2);
    store.clear();
    expect(store.count()).toBe(0);
  });
});
