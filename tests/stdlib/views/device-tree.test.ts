import { describe, expect, it } from 'vitest';
import { mimeBundle } from '../../../stdlib/display';
import { deviceTree } from '../../../stdlib/views/device-tree';
import { benchMachine, bareVirtMachine } from './machines';

describe('device-tree view', () => {
  it('prints the tree as DTS and shows it as nested nodes', () => {
    const m = bareVirtMachine();
    const v = deviceTree(m);
    expect(v.toString()).toBe(m.dts());
    const html = v[mimeBundle]()['text/html'] as string;
    expect(html).toContain('<summary title="/soc/serial@10000000"><b>serial@10000000</b></summary>');
    expect(html).toContain('&quot;ns16550a&quot;');
    expect(html).not.toContain('<script');
  });

  it('gives every property as a row with its path', () => {
    const m = bareVirtMachine();
    const rows = deviceTree(m).rows;
    expect(rows).toContainEqual({ path: '/soc/serial@10000000', property: 'compatible', value: '"ns16550a"' });
    expect(rows.find((r) => r.path === '/chosen' && r.property === 'stdout-path')?.value).toMatch(/serial@10000000/);
  });

  it('picks a subtree by name or path', () => {
    const m = bareVirtMachine();
    const serial = deviceTree(m, 'serial');
    expect(serial.path).toBe('/soc/serial@10000000');
    expect(deviceTree(m, '/soc/serial@10000000').rows).toEqual(serial.rows);
    expect(serial.toString()).toMatch(/^\/soc\/serial@10000000:\nserial@10000000 \{\n\tinterrupts = <0x0a>;/);
  });

  it('says what is missing', () => {
    const m = bareVirtMachine();
    expect(() => deviceTree(m, 'gpu')).toThrow(/no node named 'gpu' in the device tree \(it has \/chosen|no node named 'gpu' in the device tree \(it has \//);
    expect(() => deviceTree(m, '/soc/gpu@0')).toThrow(/no node \/soc\/gpu@0/);
    expect(() => deviceTree(benchMachine())).toThrow(/this SpikeMachine has no device tree/);
  });
});
