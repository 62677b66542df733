// Case hooks: the case list (open or closed), a case (Incident Details, playbook, run, score) and the playbook step actions: answer, back, restart.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import type { AnswerInput } from '../api/types.ts';

export const caseKeys = {
  all: ['cases'] as const,
  one: (caseId: number) => ['cases', caseId] as const,
  list: (status: 'open' | 'closed') => ['cases', 'list', status] as const,
};

export function useCaseList(status: 'open' | 'closed') {
  return useQuery({
    queryKey: caseKeys.list(status),
    queryFn: async () => (await unwrap(api.GET('/api/cases/', { params: { query: { status, limit: 500 } } }))).cases,
    refetchInterval: 10_000,
  });
}

export function useCase(caseId: number) {
  return useQuery({
    queryKey: caseKeys.one(caseId),
    queryFn: () => unwrap(api.GET('/api/cases/{caseId}', { params: { path: { caseId } } })),
    enabled: Number.isInteger(caseId) && caseId > 0,
  });
}

type StepResult = paths['/api/cases/{caseId}/back']['post']['responses'][200]['content']['application/json'];

function useCaseMutation<V>(caseId: number, run: (variables: V) => Promise<StepResult>) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: run,
    onSettled: () => client.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
  });
}

export function useAnswerStep(caseId: number) {
  return useCaseMutation(caseId, ({ stepId, input }: { stepId: string; input: AnswerInput }) =>
    unwrap(api.POST('/api/cases/{caseId}/answer', { params: { path: { caseId } }, body: { stepId, input } })),
  );
}

export function useStepBack(caseId: number) {
  return useCaseMutation(caseId, () => unwrap(api.POST('/api/cases/{caseId}/back', { params: { path: { caseId } } })));
}

export function useRestartPlaybook(caseId: number) {
  return useCaseMutation(caseId, () => unwrap(api.POST('/api/cases/{caseId}/restart', { params: { path: { caseId } } })));
}
