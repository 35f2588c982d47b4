import { HttpResponse } from '@angular/common/http';

/** File name from `Content-Disposition`, else the fallback. */
export function fileNameFrom(res: HttpResponse<Blob>, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  }
  const plain = /filename=([^;]+)/i.exec(header);
  return plain?.[1] ? plain[1].trim().replace(/^"|"$/g, '') : fallback;
}

/** Saves a Blob through a temporary object URL (works for CSV, JSON and the SQLite backup). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
