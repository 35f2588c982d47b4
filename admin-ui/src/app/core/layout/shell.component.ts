import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { filter } from 'rxjs';
import { TranslatePipe } from '../i18n/translate.pipe';
import { LanguageSwitcherComponent } from '../i18n/language-switcher.component';
import { SessionStore } from '../auth/session.store';
import { AuthApi } from '../../api/auth.api';
import { FeaturesStore } from './features.store';
import type { Role } from '@opstage/contracts';
import { StatusTagComponent } from '../../shared/ui/status-tag.component';
import { LiveEvents } from '../live/live-events.service';
import { ThemeService } from '../theme/theme.service';
import { GlobalSearchComponent } from './global-search.component';
import { ApprovalsBadgeStore } from './approvals-badge.store';
import { liveRefresh } from '../live/live-refresh';

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
  {
    id: 'api-tokens',
    path: '/api-tokens',
    label: 'nav.apiTokens',
    icon: 'vpn_key',
    minRole: 'owner',
  },
  {
    id: 'registration-tokens',
    path: '/registration-tokens',
    label: 'nav.registrationTokens',
    icon: 'key',
  },
  { id: 'agents', path: '/agents', label: 'nav.agents', icon: 'dns' },
  { id: 'services', path: '/services', label: 'nav.services', icon: 'widgets' },
  { id: 'commands', path: '/commands', label: 'nav.commands', icon: 'terminal' },
  { id: 'schedules', path: '/schedules', label: 'nav.schedules', icon: 'schedule' },
  { id: 'bus', path: '/bus', label: 'nav.bus', icon: 'hub', bus: true },
  {
    id: 'notifications',
    path: '/notifications',
    label: 'nav.notifications',
    icon: 'notifications',
  },
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
    MatTooltipModule,
    TranslatePipe,
    LanguageSwitcherComponent,
    StatusTagComponent,
    GlobalSearchComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
  host: { '(document:keydown.escape)': 'closeNav()' },
})
export class ShellComponent {
  protected readonly session = inject(SessionStore);
  protected readonly features = inject(FeaturesStore);
  protected readonly theme = inject(ThemeService);
  private readonly live = inject(LiveEvents);
  private readonly authApi = inject(AuthApi);
  private readonly router = inject(Router);
  protected readonly navOpen = signal(false);
  protected readonly approvals = inject(ApprovalsBadgeStore);

  protected readonly nav = computed(() =>
    NAV.filter(
      (item) =>
        (!item.minRole || this.session.hasRole(item.minRole)) &&
        (!item.bus || this.features.busEnabled()),
    ),
  );
  protected readonly displayName = computed(() => {
    const user = this.session.user();
    return user?.displayName || user?.username || '';
  });
  protected readonly themeIcon = computed(
    () =>
      ({ system: 'brightness_auto', light: 'light_mode', dark: 'dark_mode' })[this.theme.mode()],
  );

  constructor() {
    this.features.loadVersion();
    // The live stream belongs to a logged-in session: open while the shell is shown.
    effect(() => (this.session.authenticated() ? this.live.connect() : this.live.disconnect()));
    inject(DestroyRef).onDestroy(() => this.live.disconnect());
    // Operators see how many requests wait for a second person (docs/actions-and-commands.md, "Approval").
    effect(() => (this.session.canOperate() ? this.approvals.refresh() : this.approvals.clear()));
    liveRefresh(['commands'], () => {
      if (this.session.canOperate()) this.approvals.refresh();
    });
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.navOpen.set(false));
  }

  toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  closeNav(): void {
    this.navOpen.set(false);
  }

  skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  logout(): void {
    const done = () => {
      this.live.disconnect();
      this.session.clear();
      void this.router.navigate(['/login']);
    };
    // Even when the call fails (session already expired) the operator ends up on the login page.
    this.authApi.logout().subscribe({ next: done, error: done });
  }
}
