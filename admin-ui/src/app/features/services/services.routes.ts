import { Routes } from '@angular/router';

export const SERVICE_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.services',
    loadComponent: () => import('./services-list.page').then((m) => m.ServicesListPage),
  },
  {
    path: ':id',
    title: 'services.detailTitle',
    loadComponent: () => import('./service-detail.page').then((m) => m.ServiceDetailPage),
  },
];
