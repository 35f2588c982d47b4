import { Routes } from '@angular/router';

export const AGENT_ROUTES: Routes = [
  {
    path: '',
    title: 'nav.agents',
    loadComponent: () => import('./agents-list.page').then((m) => m.AgentsListPage),
  },
  {
    path: ':id',
    title: 'agents.detailTitle',
    loadComponent: () => import('./agent-detail.page').then((m) => m.AgentDetailPage),
  },
];
