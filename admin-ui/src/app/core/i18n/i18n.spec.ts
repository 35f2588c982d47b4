import { TestBed } from '@angular/core/testing';
import { EN } from './en';
import { ZH } from './zh';
import { I18nService, LANGUAGE_STORAGE_KEY, initialLanguage, interpolate } from './i18n.service';

describe('translation dictionaries', () => {
  it('have identical key sets', () => {
    const en = Object.keys(EN).sort();
    const zh = Object.keys(ZH).sort();
    expect(zh).toEqual(en);
    expect(en.length).toBeGreaterThan(300);
  });

  it('have no empty values and use the same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(EN) as (keyof typeof EN)[]) {
      expect(EN[key].trim(), key).not.toBe('');
      expect(ZH[key].trim(), key).not.toBe('');
      expect(placeholders(ZH[key]), key).toEqual(placeholders(EN[key]));
    }
  });

  it('translate the Chinese navigation for real', () => {
    expect(ZH['nav.agents']).toBe('代理');
    expect(ZH['nav.agents']).not.toBe(EN['nav.agents']);
  });
});

describe('I18nService', () => {
  beforeEach(() => localStorage.clear());

  it('interpolates placeholders and keeps unknown ones', () => {
    expect(interpolate('Hello {name}, {missing}', { name: 'Ada' })).toBe('Hello Ada, {missing}');
  });

  it('prefers the stored language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'zh-CN');
    expect(initialLanguage()).toBe('zh-CN');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr-FR');
    expect(['en-US', 'zh-CN']).toContain(initialLanguage());
  });

  it('switches language, persists the choice and falls back to the key', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.setLanguage('en-US');
    expect(i18n.t('nav.commands')).toBe('Commands');
    i18n.setLanguage('zh-CN');
    expect(i18n.t('nav.commands')).toBe('命令');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(i18n.t('no.such.key')).toBe('no.such.key');
    expect(i18n.t('agents.done.revoke', { name: 'a1' })).toBe('代理 a1 已吊销');
    expect(i18n.tOr('status.NOPE', 'NOPE')).toBe('NOPE');
  });
});
