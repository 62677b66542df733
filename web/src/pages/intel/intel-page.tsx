// stub
export function IntelPage() {
  return null;
}
