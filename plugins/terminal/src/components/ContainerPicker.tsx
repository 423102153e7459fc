import { SelectField } from '@porthole/ui';
import { containerLabel, type PodContainer } from '../model/pod-containers.ts';

/** Props of {@link ContainerPicker}. */
export interface ContainerPickerProps {
  containers: () => PodContainer[];
  chosen: () => string | undefined;
  onPick: (name: string) => void;
}

/**
 * The `Container` picker of a pod's Logs and Shell tabs (init and ephemeral containers labelled as such).
 *
 * @example
 * <ContainerPicker containers={containers} chosen={chosen} onPick={setContainer} />
 */
export function ContainerPicker(props: ContainerPickerProps) {
  return (
    <SelectField
      label="Container"
      options={props.containers().map((c) => ({ value: c.name, label: containerLabel(c) }))}
      value={props.chosen() ?? ''}
      onChange={(e) => props.onPick(e.currentTarget.value)}
    />
  );
}
