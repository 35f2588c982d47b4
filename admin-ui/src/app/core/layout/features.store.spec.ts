import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SystemVersion } from '@opstage/contracts';
import { FeaturesStore } from './features.store';

function version(database: SystemVersion['database']): { success: true; data: SystemVersion } {
  return {
    success: true,
    data: { version: '1.0.0', edition: 'ce', database, features: { capsuleBus: false } },
  };
}

describe('FeaturesStore', () => {
  let store: FeaturesStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(FeaturesStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('offers the SQLite backup on SQLite', () => {
    store.loadVersion();
    backend.expectOne('/api/system/version').flush(version('sqlite'));
    expect(store.sqliteBackup()).toBe(true);
  });

  it('hides the SQLite backup when the server runs on PostgreSQL', () => {
    store.loadVersion();
    backend.expectOne('/api/system/version').flush(version('postgres'));
    expect(store.sqliteBackup()).toBe(false);
  });

  it('keeps the button while the version is unknown (the server explains a refusal itself)', () => {
    expect(store.sqliteBackup()).toBe(true);
    store.loadVersion();
    backend
      .expectOne('/api/system/version')
      .flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(store.sqliteBackup()).toBe(true);
  });
});
