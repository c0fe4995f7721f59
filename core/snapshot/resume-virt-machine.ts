import { BlockBackend } from '../block/block-backend';
import { RawFileBackend } from '../block/raw-file';
import { DriveOptions, VirtMachine, VirtMachineOptions } from '../machine/virt-machine';
import { DiskDelta } from './disk-delta';
import { OverlayBackend } from './overlay-backend';
import { restoreSnapshot, Snapshot } from './snapshot';
import { SnapshotError } from './snapshot-error';

/** How {@link OverlayBackend} describes itself: `overlay over <base>`. */
const OVERLAY_PREFIX = 'overlay over ';

/**
 * What a resumed machine may choose itself; everything else (RAM, harts,
 * time base, devices, disks' sizes) comes from the snapshot.
 */
export type ResumeOptions = Pick<VirtMachineOptions, 'onConsole' | 'realtimeIdle' | 'rtcEpochMs' | 'fpFastPath'> & {
  /**
   * The disks, in the snapshot's order. Default: the images the snapshot's
   * disks were opened from, reopened (read-only where they were; an
   * overlay again over its base).
   */
  drives?: (DriveOptions | BlockBackend)[];
};

/** Reopen the image a saved disk was opened from (its description is the path). */
function reopenDisk(index: number, d: DiskDelta): BlockBackend {
  const overlay = d.description.startsWith(OVERLAY_PREFIX);
  const path = overlay ? d.description.slice(OVERLAY_PREFIX.length) : d.description;
  try {
    const raw = RawFileBackend.open(path, { readOnly: overlay || d.readOnly });
    return overlay ? new OverlayBackend(raw) : raw;
  } catch (e) {
    throw new SnapshotError('disk', `disk ${index} of the snapshot (${d.description}) cannot be reopened: ${(e as Error).message}; give the disks explicitly`);
  }
}

/**
 * A new virt machine with the configuration a snapshot records (RAM size,
 * harts, time base, virtio-rng, disks), put into the snapshot's state: what
 * `orrery boot --loadvm FILE` runs. No firmware or kernel is loaded (RAM
 * comes from the snapshot), so only RAM the snapshot uses is touched. Throws
 * {@link SnapshotError} when the snapshot is not of a virt machine, a disk
 * cannot be reopened, or the state does not fit.
 *
 * ```ts
 * const m = resumeVirtMachine(Snapshot.load('shell.osnap'), { onConsole: (b) => process.stdout.write(b) });
 * m.sendInput('uname -a\n');
 * await m.run();
 * ```
 */
export function resumeVirtMachine(s: Snapshot, options: ResumeOptions = {}): VirtMachine {
  const c = s.config;
  if (c.kind !== 'virt') {
    throw new SnapshotError('config', `the snapshot is of a '${c.kind}' machine, not of the virt machine`);
  }
  const platform = c.platform as { drives?: unknown[]; rng?: boolean };
  const drives = options.drives ?? s.drives.map((d, i) => reopenDisk(i, d));
  if (drives.length !== (platform.drives?.length ?? 0)) {
    throw new SnapshotError('config', `the snapshot's machine has ${platform.drives?.length ?? 0} disk(s), ${drives.length} given`);
  }
  let m: VirtMachine;
  try {
    m = new VirtMachine({
      ...options, drives, bios: 'none', ramSize: c.ramSize, harts: c.harts, insnsPerTick: c.insnsPerTick,
      sliceInsns: c.sliceInsns, rng: platform.rng !== false,
    });
  } catch (e) {
    throw new SnapshotError('config', `cannot build the snapshot's machine: ${(e as Error).message}`);
  }
  // A machine just built holds nothing in RAM but what its boot plan placed (the device tree).
  restoreSnapshot(m, s, { ramNonZero: m.bootPlan.regions });
  return m;
}
