/**
 * True when the device has a camera to scan with. `enumerateDevices` lists video inputs even
 * before permission is asked (without their labels), so the "Scan" button can be shown only
 * where it can work; a desktop without a camera never shows it.
 */
export async function hasCamera(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return false;
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.some((device) => device.kind === 'videoinput');
  } catch {
    return false;
  }
}

/**
 * Opens the back camera when there is one (phones and tablets: the VIN label faces away from
 * the person), any camera otherwise.
 */
export async function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
}

/** Stops every track of a stream (the camera light goes off). */
export function closeCamera(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
