// Delete with a confirm dialog: the message leaves its mailbox (the audit trail keeps it) and every list.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { EmailSummary } from '../../api/types.ts';
import { useDeleteEmail } from '../../hooks/use-emails.ts';

export function DeleteEmailButton({ email, onDeleted }: { email: EmailSummary; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteEmail();
  return (
    <>
      <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)}>
        Delete
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Delete e-mail" centered>
        <Stack gap="sm">
          <Text size="sm">
            Delete “{email.subject}” from the mailbox of {email.mailbox}? It disappears from Email Security; the audit trail keeps a record.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(email.id, {
                  onSuccess: () => {
                    setConfirming(false);
                    onDeleted();
                  },
                })
              }
            >
              Delete e-mail
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
