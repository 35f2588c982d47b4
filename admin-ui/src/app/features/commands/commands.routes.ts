import { Routes } from '@angular/router';

export const COMMAND_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.commands',
    loadComponent: () => import('./commands-list.page').then((m) => m.CommandsListPage),
  },
  {
    path: ':id',
    title: 'commands.detailTitle',
    loadComponent: () => import('./command-detail.page').then((m) => m.CommandDetailPage),
  },
];
