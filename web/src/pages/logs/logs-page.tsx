// stub
export function LogsPage() {
  return null;
}
