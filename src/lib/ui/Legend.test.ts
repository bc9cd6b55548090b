import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { IO_STYLES } from '$lib/scene/io-palette';
import { HEALTH_STYLES } from '$lib/scene/palette';
import { VM_FAMILIES, VM_MIGRATION_COLOR, VM_MIGRATION_LEGEND } from '$lib/scene/vm-palette';
import Legend from './Legend.svelte';

describe('Legend', () => {
	it('lists every health state by its label', () => {
		render(Legend);
		const items = within(screen.getByRole('list', { name: 'Health' })).getAllByRole('listitem');
		expect(items.map((li) => li.textContent?.trim())).toEqual(
			Object.values(HEALTH_STYLES).map((s) => `${s.symbol} ${s.label}`)
		);
	});

	it('lists the five storage transfer kinds with their colour and a description', () => {
		render(Legend);
		const list = screen.getByRole('list', { name: /Storage transfers/ });
		const items = within(list).getAllByRole('listitem');
		const styles = Object.values(IO_STYLES);
		expect(items).toHaveLength(styles.length);
		styles.forEach((style, i) => {
			expect(items[i]).toHaveTextContent(style.label);
			expect(items[i]).toHaveAttribute('title', style.description);
			const swatch = items[i].querySelector('.slab') as HTMLElement;
			expect(swatch.style.getPropertyValue('--io')).toBe(style.color);
			expect(swatch).toHaveAttribute('aria-hidden', 'true');
		});
	});

	it('lists the VM role families with their colour, then the live migration marks', () => {
		render(Legend);
		const list = screen.getByRole('list', { name: /VMs, one square each/ });
		const items = within(list).getAllByRole('listitem');
		const families = Object.values(VM_FAMILIES);
		expect(items).toHaveLength(families.length + 1);
		families.forEach((family, i) => {
			expect(items[i]).toHaveTextContent(family.label);
			expect(items[i].getAttribute('title')).toContain(
				family.name === 'tenant' ? 'tenant' : family.roles.join(', ')
			);
			const swatch = items[i].querySelector('.tile') as HTMLElement;
			expect(swatch.style.getPropertyValue('--vm')).toBe(family.color);
			expect(swatch).toHaveAttribute('aria-hidden', 'true');
		});
		const migration = items[families.length];
		expect(migration).toHaveTextContent('Live migration');
		expect(migration).toHaveAttribute('title', VM_MIGRATION_LEGEND);
		const dots = migration.querySelectorAll<HTMLElement>('.dot');
		expect(dots.length).toBeGreaterThan(1);
		for (const dot of dots) expect(dot.style.getPropertyValue('--vm')).toBe(VM_MIGRATION_COLOR);
	});
});
