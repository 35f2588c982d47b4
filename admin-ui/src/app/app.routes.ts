import { Routes } from '@angular/router';
import { authGuard, roleGuard } from './core/auth/auth.guard';
import { busGuard } from './features/bus/bus.guard';

export const routes: Routes = [
  {
    path: 'login',
    title: 'login.title',
    loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./core/layout/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'nav.dashboard',
        loadComponent: () =>
          import('./features/dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'agents',
        loadChildren: () => import('./features/agents/agents.routes').then((m) => m.AGENT_ROUTES),
      },
      {
        path: 'services',
        loadChildren: () =>
          import('./features/services/services.routes').then((m) => m.SERVICE_ROUTES),
      },
      {
        path: 'commands',
        loadChildren: () =>
          import('./features/commands/commands.routes').then((m) => m.COMMAND_ROUTES),
      },
      {
        path: 'audit-events',
        loadChildren: () => import('./features/audit/audit.routes').then((m) => m.AUDIT_ROUTES),
      },
      {
        path: 'registration-tokens',
        title: 'nav.registrationTokens',
        loadComponent: () =>
          import('./features/registration-tokens/registration-tokens.page').then(
            (m) => m.RegistrationTokensPage,
          ),
      },
      {
        path: 'users',
        title: 'nav.users',
        canMatch: [roleGuard('owner')],
        loadComponent: () => import('./features/users/users.page').then((m) => m.UsersPage),
      },
      {
        path: 'api-tokens',
        title: 'nav.apiTokens',
        canMatch: [roleGuard('owner')],
        loadComponent: () =>
          import('./features/api-tokens/api-tokens.page').then((m) => m.ApiTokensPage),
      },
      {
        path: 'notifications',
        title: 'nav.notifications',
        loadComponent: () =>
          import('./features/notifications/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: 'schedules',
        title: 'nav.schedules',
        loadComponent: () =>
          import('./features/schedules/schedules.page').then((m) => m.SchedulesPage),
      },
      {
        path: 'settings',
        title: 'nav.settings',
        loadComponent: () =>
          import('./features/settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'bus',
        title: 'nav.bus',
        canMatch: [busGuard],
        loadComponent: () => import('./features/bus/bus.page').then((m) => m.BusPage),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () =>
          import('./features/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
