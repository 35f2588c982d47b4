import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslatePipe } from '../i18n/translate.pipe';
import { LanguageSwitcherComponent } from '../i18n/language-switcher.component';
import { SessionStore } from '../auth/session.store';
import { AuthApi } from '../../api/auth.api';
import { FeaturesStore } from './features.store';
import { Role } from '../../api/models/common';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';

interface NavItem {
  id: string;
  path: string;
  label: string;
  icon: string;
  exact?: boolean;
  minRole?: Role;
  bus?: boolean;
}

const NAV: readonly NavItem[] = [
  { id: 'dashboard', path: '/', label: 'nav.dashboard', icon: 'dashboard', exact: true },
  { id: 'users', path: '/users', label: 'nav.users', icon: 'group', minRole: 'owner' },
  { id: 'registration-tokens', path: '/registration-tokens', label: 'nav.registrationTokens', icon: 'key' },
  { id: 'agents', path: '/agents', label: 'nav.agents', icon: 'dns' },
  { id: 'services', path: '/services', label: 'nav.services', icon: 'widgets' },
  { id: 'commands', path: '/commands', label: 'nav.commands', icon: 'terminal' },
  { id: 'bus', path: '/bus', label: 'nav.bus', icon: 'hub', bus: true },
  { id: 'audit-events', path: '/audit-events', label: 'nav.audit', icon: 'history' },
  { id: 'settings', path: '/settings', label: 'nav.settings', icon: 'settings' },
];

@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatIconModule,
    TranslatePipe,
    LanguageSwitcherComponent,
    StatusTagComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly features = inject(FeaturesStore);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);

  protected readonly nav = computed(() =>
    NAV.filter((item) => (!item.minRole || this.session.hasRole(item.minRole)) && (!item.bus || this.features.busEnabled())),
  );
  protected readonly displayName = computed(() => {
    const user = this.session.user();
    return user?.displayName || user?.username || '';
  });

  constructor() {
    this.features.loadVersion();
  }

  logout(): void {
    const done = () => {
      this.session.clear();
      void this.router.navigate(['/login']);
    };
    // Even when the call fails (session already expired) the operator ends up on the login page.
    this.authApi.logout().subscribe({ next: done, error: done });
  }
}
