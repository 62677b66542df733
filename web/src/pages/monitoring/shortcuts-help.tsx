// The `?` overlay listing Monitoring's keyboard shortcuts.
import { Kbd, Modal, Table } from '@mantine/core';

export const SHORTCUTS: readonly [string, string][] = [
  ['j', 'Next alert'],
  ['k', 'Previous alert'],
  ['o', 'Open (expand) the selected alert'],
  ['Enter', 'Go to the selected alert’s page'],
  ['t', 'Take ownership (Main Channel)'],
  ['c', 'Create case (Investigation Channel)'],
  ['1 / 2 / 3', 'Main / Investigation / Closed'],
  ['?', 'This help'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="sm" centered>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {SHORTCUTS.map(([key, what]) => (
            <Table.Tr key={key}>
              <Table.Td w={90}>
                <Kbd size="xs">{key}</Kbd>
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
