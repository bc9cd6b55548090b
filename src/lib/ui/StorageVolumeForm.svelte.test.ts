import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { makePoolSummary } from '$lib/app/test-fixtures';
import type { PoolSummary } from '$lib/app/volume-form';
import StorageVolumeForm from './StorageVolumeForm.svelte';

/** Azure Stack Hub, 4 hybrid servers × 4 × 4 TB HDD (64 TB raw), two volumes taking 13.5 TB. */
const HYBRID = makePoolSummary({
	allocatedBytes: 13.5e12,
	volumeNames: ['Infrastructure', 'Volume01']
});

function renderForm(summary: PoolSummary = HYBRID) {
	const onCreate = vi.fn();
	const props = $state({ summary, onCreate });
	render(StorageVolumeForm, props);
	const user = userEvent.setup();
	const field = (label: string) => screen.getByLabelText(label);
	const preview = () => screen.getByRole('region', { name: 'Preview of the new volume' });
	const button = () => screen.getByRole('button', { name: 'Create volume' });
	return { onCreate, props, user, field, preview, button };
}

describe('StorageVolumeForm', () => {
	it('labels every field and starts from the next free name and the platform default', () => {
		const { field, preview, button } = renderForm();
		expect(screen.getByRole('form', { name: 'Create volume' })).toBeInTheDocument();
		expect(field('Name')).toHaveValue('Volume02');
		expect(field('Size (GB)')).toHaveValue('1000');
		expect(field('Resiliency')).toHaveValue('three-way-mirror');
		const options = within(field('Resiliency'))
			.getAllByRole('option')
			.map((o) => o.textContent?.trim());
		expect(options).toEqual([
			'Two-way mirror: survives 1 failure, needs 2 servers or more',
			'Three-way mirror: survives 2 failures, needs 3 servers or more (default)',
			'Single parity: survives 1 failure, needs 3 servers or more',
			'Dual parity: survives 2 failures, needs 4 servers or more',
			'Mirror-accelerated parity: survives 2 failures, needs 4 servers or more'
		]);
		expect(screen.queryByLabelText('Mirror part (GB)')).toBeNull();
		expect(preview()).toHaveAttribute('aria-live', 'polite');
		expect(preview()).toHaveTextContent(
			/Volume02 can be created: three-way mirror, 3 copies\.\s*Size\s*1 TB \(931 GiB as Windows shows it\)\s*Footprint\s*3 TB of raw capacity, 3× the size\s*Efficiency\s*33\.3 %\s*Raw capacity\s*64 TB \(16 HDD capacity drives\)\s*Free\s*50\.5 TB before, 47\.5 TB after\s*Repair reserve\s*16 TB: one capacity drive per server/
		);
		expect(button()).toBeEnabled();
	});

	it('updates the preview as the size and the resiliency change', async () => {
		const { user, field, preview, button } = renderForm(
			makePoolSummary({ platform: 's2d', allocatedBytes: 13.5e12, volumeNames: ['Volume01'] })
		);
		await user.clear(field('Size (GB)'));
		await user.type(field('Size (GB)'), '2000');
		expect(preview()).toHaveTextContent(/Footprint\s*6 TB of raw capacity, 3× the size/);
		expect(preview()).toHaveTextContent(/Free\s*50\.5 TB before, 44\.5 TB after/);

		await user.selectOptions(field('Resiliency'), 'dual-parity');
		expect(preview()).toHaveTextContent('Volume02 can be created: dual parity, RS 2+2.');
		expect(preview()).toHaveTextContent(/Footprint\s*4 TB of raw capacity, 2× the size/);
		expect(preview()).toHaveTextContent(/Efficiency\s*50\.0 %/);

		await user.selectOptions(field('Resiliency'), 'mirror-accelerated-parity');
		expect(button()).toBeDisabled();
		expect(field('Mirror part (GB)')).toHaveAttribute('aria-invalid', 'true');
		expect(preview()).toHaveTextContent(
			/Check the fields:\s*Mirror part: mirror-accelerated parity needs the GB kept in three-way mirror/
		);
		await user.type(field('Mirror part (GB)'), '400');
		expect(field('Mirror part (GB)')).not.toHaveAttribute('aria-invalid');
		expect(preview()).toHaveTextContent(
			/20\.0 % three-way mirror \+ dual parity RS 2\+2\.\s*.*Footprint\s*4\.4 TB of raw capacity, 2\.2× the size/
		);
		expect(button()).toBeEnabled();
	});

	it('disables the button and shows the reason for a request the pool refuses', async () => {
		const { user, field, preview, button, onCreate } = renderForm();
		await user.selectOptions(field('Resiliency'), 'dual-parity');
		expect(button()).toBeDisabled();
		expect(within(preview()).getByRole('listitem')).toHaveTextContent(
			'Azure Stack Hub makes every volume three-way mirror, not dual parity (FACTS §1.10, §9.6).'
		);
		expect(preview()).toHaveTextContent(/^✕\s*Volume02 cannot be created:/);
		expect(button()).toHaveAccessibleDescription(/Azure Stack Hub makes every volume/);

		await user.selectOptions(field('Resiliency'), 'three-way-mirror');
		await user.clear(field('Name'));
		await user.type(field('Name'), 'infrastructure');
		await user.clear(field('Size (GB)'));
		await user.type(field('Size (GB)'), '20000');
		expect(button()).toBeDisabled();
		const reasons = within(preview())
			.getAllByRole('listitem')
			.map((li) => li.textContent);
		expect(reasons).toEqual(['A volume named "infrastructure" already exists (FACTS §1.8).']);
		await user.clear(field('Name'));
		await user.type(field('Name'), 'Big');
		expect(preview()).toHaveTextContent(/only 47031\.8 GiB is free \(FACTS §1\.1\)\./);
		await user.type(field('Size (GB)'), '{Enter}');
		expect(onCreate).not.toHaveBeenCalled();
	});

	it('says which field to fix, marked invalid and described', async () => {
		const { user, field, preview, button } = renderForm();
		await user.clear(field('Name'));
		await user.clear(field('Size (GB)'));
		await user.type(field('Size (GB)'), '1.5');
		expect(button()).toBeDisabled();
		expect(field('Name')).toHaveAttribute('aria-invalid', 'true');
		expect(field('Name')).toHaveAccessibleDescription('Name: a volume needs a name.');
		expect(field('Size (GB)')).toHaveAccessibleDescription(
			'Size: a whole number of GB, at least 1.'
		);
		expect(preview()).toHaveTextContent(/Check the fields:/);
	});

	it('submits exactly the typed values, by keyboard, then moves to the next free name', async () => {
		const { user, field, onCreate, props } = renderForm();
		await user.clear(field('Name'));
		await user.type(field('Name'), ' Tenant data ');
		await user.clear(field('Size (GB)'));
		await user.type(field('Size (GB)'), '2500{Enter}');
		expect(onCreate).toHaveBeenCalledExactlyOnceWith({
			name: 'Tenant data',
			sizeGB: 2500,
			resiliency: 'three-way-mirror'
		});
		expect(field('Name')).toHaveValue('Volume02');

		props.summary = makePoolSummary({
			platform: 's2d',
			allocatedBytes: 21e12,
			volumeNames: ['Infrastructure', 'Volume01', 'Volume02']
		});
		await tick();
		expect(field('Name')).toHaveValue('Volume03');
		await user.selectOptions(field('Resiliency'), 'mirror-accelerated-parity');
		await user.clear(field('Size (GB)'));
		await user.type(field('Size (GB)'), '1000');
		await user.type(field('Mirror part (GB)'), '200');
		await user.click(screen.getByRole('button', { name: 'Create volume' }));
		expect(onCreate).toHaveBeenLastCalledWith({
			name: 'Volume03',
			sizeGB: 1000,
			resiliency: 'mirror-accelerated-parity',
			mirrorGB: 200
		});
	});
});
