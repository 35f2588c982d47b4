import { TestBed } from '@angular/core/testing';
import { I18nService } from '../../core/i18n/i18n.service';
import { StatusTagComponent, tagTone } from './status-tag.component';

describe('status tags', () => {
  it('colour statuses as the spec asks; STALE is never green', () => {
    expect(tagTone('ONLINE')).toBe('green');
    expect(tagTone('SUCCEEDED')).toBe('green');
    expect(tagTone('PENDING')).toBe('blue');
    expect(tagTone('AWAITING_APPROVAL')).toBe('amber');
    expect(tagTone('CRITICAL')).toBe('red');
    expect(tagTone('RUNNING')).toBe('running');
    expect(tagTone('STALE')).toBe('amber');
    expect(tagTone('OFFLINE')).toBe('amber');
    expect(tagTone('FAILED')).toBe('red');
    expect(tagTone('REVOKED')).toBe('red');
    expect(tagTone('CANCELLED')).toBe('grey');
    expect(tagTone('SOMETHING_NEW')).toBe('grey');
  });

  it('colour notification states: ok/sent/resolved green, failing/firing red, untested grey', () => {
    expect(tagTone('ok')).toBe('green');
    expect(tagTone('sent')).toBe('green');
    expect(tagTone('resolved')).toBe('green');
    expect(tagTone('failing')).toBe('red');
    expect(tagTone('firing')).toBe('red');
    expect(tagTone('warning')).toBe('amber');
    expect(tagTone('untested')).toBe('grey');
    expect(tagTone('cancelled')).toBe('grey');
  });

  it('renders the translated label and keeps the raw value for tests and tooling', async () => {
    TestBed.inject(I18nService).setLanguage('zh-CN');
    const fixture = TestBed.createComponent(StatusTagComponent);
    fixture.componentRef.setInput('value', 'ONLINE');
    await fixture.whenStable();
    const span = (fixture.nativeElement as HTMLElement).querySelector('span');
    expect(span?.getAttribute('data-status')).toBe('ONLINE');
    expect(span?.textContent?.trim()).toBe('在线');
    expect(span?.className).toContain('tone-green');
    fixture.componentRef.setInput('value', true);
    await fixture.whenStable();
    expect(span?.getAttribute('data-status')).toBe('TRUE');
    TestBed.inject(I18nService).setLanguage('en-US');
  });
});
