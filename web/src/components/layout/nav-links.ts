// The sidebar, in the order of PRODUCT.md §1.
import { IconBriefcase, IconDeviceDesktopAnalytics, IconFileSearch, IconFlask, IconListSearch, IconWorldSearch } from '@tabler/icons-react';

export const NAV_LINKS = [
  { to: '/monitoring', label: 'Monitoring', icon: IconDeviceDesktopAnalytics },
  { to: '/logs', label: 'Log Management', icon: IconListSearch },
  { to: '/cases', label: 'Case Management', icon: IconBriefcase },
  { to: '/intel', label: 'Threat Intel', icon: IconWorldSearch },
  { to: '/sandbox', label: 'Sandbox', icon: IconFlask },
] as const;

export const FALLBACK_ICON = IconFileSearch;
