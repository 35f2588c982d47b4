import { Routes } from '@angular/router';

export const AUDIT_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.audit',
    loadComponent: () => import('./audit-list.page').then((m) => m.AuditListPage),
  },
  {
    path: ':id',
    title: 'audit.detailTitle',
    loadComponent: () => import('./audit-detail.page').then((m) => m.AuditDetailPage),
  },
];
