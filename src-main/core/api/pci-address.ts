// Whether two PCI addresses name the same device, whoever wrote them: the driver ("0000:01:00.0"), nvidia-smi
// ("00000000:01:00.0") or lspci ("01:00.0"). Bus, device and function are compared; the domain, which only
// multi-domain servers use and lspci leaves out, is not.
const BUS_DEVICE_FUNCTION = /([0-9a-f]{2}:[0-9a-f]{2}\.[0-7])$/i;

function busDeviceFunction(address: string): string | null {
  return BUS_DEVICE_FUNCTION.exec(address.trim())?.[1]?.toLowerCase() ?? null;
}

export function samePciAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = busDeviceFunction(a);
  return left !== null && left === busDeviceFunction(b);
}
