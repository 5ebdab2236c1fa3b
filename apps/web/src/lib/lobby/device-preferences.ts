/**
 * The camera and microphone chosen in the lobby, remembered in this browser so the room's
 * media connection opens the same devices (and the next lobby preselects them).
 */
export interface DevicePreferences {
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
}

const KEY = 'roundtable:devices';

export function loadDevicePreferences(): DevicePreferences {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<DevicePreferences>;
    return {
      cameraId: typeof saved.cameraId === 'string' ? saved.cameraId : null,
      microphoneId: typeof saved.microphoneId === 'string' ? saved.microphoneId : null,
    };
  } catch {
    return { cameraId: null, microphoneId: null };
  }
}

export function saveDevicePreferences(preferences: DevicePreferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // A blocked storage only means the choice is asked for again next time.
  }
}
