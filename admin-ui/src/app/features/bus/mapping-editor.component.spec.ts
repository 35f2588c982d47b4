import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { I18nService } from '../../core/i18n/i18n.service';
import { MappingRow, mappingFromRows, rowsFromMapping } from './input-mapping';
import { BusMappingEditorComponent } from './mapping-editor.component';

@Component({
  imports: [BusMappingEditorComponent],
  template: `<app-bus-mapping-editor
    [(rows)]="rows"
    [serverErrors]="serverErrors()"
    [submitted]="submitted()"
  />`,
})
class HostComponent {
  readonly rows = signal<MappingRow[]>(rowsFromMapping({ message: '$.payload.text' }));
  readonly serverErrors = signal<Record<string, string>>({});
  readonly submitted = signal(false);
}

describe('BusMappingEditorComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let host: HostComponent;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = <T extends HTMLElement>(testId: string): T | null =>
    el().querySelector<T>(`[data-testid="${testId}"]`);

  async function type(testId: string, value: string) {
    const input = q<HTMLInputElement>(testId)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.inject(I18nService).setLanguage('en-US');
    fixture = TestBed.createComponent(HostComponent);
    host = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('shows the stored mapping as rows and the syntax help', () => {
    expect(q<HTMLInputElement>('mapping-field-0')?.value).toBe('message');
    expect(q<HTMLInputElement>('mapping-expression-0')?.value).toBe('$.payload.text');
    const help = q('mapping-help')?.textContent ?? '';
    expect(help).toContain('$.payload.a.0.b');
    expect(help).toContain('$.metadata.x');
    expect(help).toContain('$$text');
  });

  it('adds, edits and removes rows through the two-way binding', async () => {
    q<HTMLButtonElement>('mapping-add')!.click();
    await fixture.whenStable();
    expect(host.rows().length).toBe(2);
    await type('mapping-field-1', 'qty');
    await type('mapping-expression-1', '3');
    expect(mappingFromRows(host.rows()).mapping).toEqual({ message: '$.payload.text', qty: 3 });
    q<HTMLButtonElement>('mapping-remove-0')!.click();
    await fixture.whenStable();
    expect(mappingFromRows(host.rows()).mapping).toEqual({ qty: 3 });
    expect(q<HTMLInputElement>('mapping-field-0')?.value).toBe('qty');
    q<HTMLButtonElement>('mapping-remove-0')!.click();
    await fixture.whenStable();
    expect(q('mapping-empty')?.textContent).toContain('reference shape');
  });

  it('shows syntax problems at once and missing parts after a save attempt', async () => {
    await type('mapping-expression-0', '$payload.text');
    expect(q('mapping-error-0')?.textContent).toContain(
      'write a literal starting with $ as $$text',
    );
    await type('mapping-expression-0', '');
    await type('mapping-field-0', 'message');
    expect(q('mapping-error-0')).toBeNull();
    host.submitted.set(true);
    await fixture.whenStable();
    expect(q('mapping-error-0')?.textContent).toContain('Enter an expression');
  });

  it('shows a server issue under the row with that field', async () => {
    host.serverErrors.set({ message: 'inputMapping.message looks like a secret' });
    await fixture.whenStable();
    expect(q('mapping-error-0')?.textContent).toContain('looks like a secret');
  });
});
