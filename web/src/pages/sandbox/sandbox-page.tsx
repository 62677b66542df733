// stub
export function SandboxPage() {
  return null;
}
