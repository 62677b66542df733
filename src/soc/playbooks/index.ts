// Playbooks: the YAML playbooks and their loader, the alert type mapping, and the run state machine.
export * from './errors.ts';
export * from './schema.ts';
export * from './playbook.ts';
export * from './run.ts';
