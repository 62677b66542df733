// The sidebar, in the order of PRODUCT.md §1, then Settings.
import {
  IconBriefcase,
  IconChartBar,
  IconDeviceDesktopAnalytics,
  IconDevices,
  IconFileSearch,
  IconFlask,
  IconListSearch,
  IconMail,
  IconSettings,
  IconWorldSearch,
} from '@tabler/icons-react';

export const NAV_LINKS = [
  { to: '/monitoring', label: 'Monitoring', icon: IconDeviceDesktopAnalytics },
  { to: '/logs', label: 'Log Management', icon: IconListSearch },
  { to: '/cases', label: 'Case Management', icon: IconBriefcase },
  { to: '/endpoints', label: 'Endpoint Security', icon: IconDevices },
  { to: '/email', label: 'Email Security', icon: IconMail },
  { to: '/intel', label: 'Threat Intel', icon: IconWorldSearch },
  { to: '/sandbox', label: 'Sandbox', icon: IconFlask },
  { to: '/dashboard', label: 'Dashboard', icon: IconChartBar },
  { to: '/settings', label: 'Settings', icon: IconSettings },
] as const;

export const FALLBACK_ICON = IconFileSearch;
