// @porthole/ui: the portal's component kit. The shell provides it once per page (Module Federation
// shared singleton, like solid-js and @porthole/sdk); plugins import it and never bundle a copy.
import './styles/tokens.css';
import './styles/components.css';
import './styles/content.css';

export { createNow, formatAge, formatDuration } from './age.ts';
export { Badge, type BadgeProps, StatusPill, type Tone } from './Badge.tsx';
export { Button, type ButtonProps, type ButtonVariant, IconButton, type IconButtonProps } from './Button.tsx';
export { CodeBlock, type CodeBlockProps } from './CodeBlock.tsx';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog.tsx';
export { Dialog, type DialogProps } from './Dialog.tsx';
export { ForbiddenState, type ForbiddenStateProps } from './ForbiddenState.tsx';
export {
  Checkbox,
  type CheckboxProps,
  type FieldProps,
  SelectField,
  type SelectFieldProps,
  type SelectOption,
  TextArea,
  type TextAreaProps,
  TextField,
  type TextFieldProps,
} from './fields.tsx';
export { type ForbiddenPlace, forbiddenTitle, forbiddenWhere } from './forbidden-title.ts';
export { Menu, type MenuItem, type MenuProps } from './Menu.tsx';
export { NamespaceSelect, type NamespaceSelectProps } from './NamespaceSelect.tsx';
export {
  type NamespaceChoices,
  namespaceNameError,
  namespaceOptions,
  otherNamespaceValue,
} from './namespace-options.ts';
export { SplitPane, type SplitPaneProps } from './SplitPane.tsx';
export {
  EmptyState,
  type EmptyStateProps,
  ErrorState,
  type ErrorStateProps,
  LoadingState,
} from './states.tsx';
export { type ErrorLike, statusOf } from './status-of.ts';
export {
  preloadTable,
  Table,
  type TableColumn,
  type TableControl,
  type TableProps,
  type TableSelection,
} from './Table.tsx';
export { type TabItem, Tabs, type TabsProps } from './Tabs.tsx';
export { TimeAgo, type TimeAgoProps } from './TimeAgo.tsx';
export {
  createToasts,
  type Toast,
  ToastContext,
  Toaster,
  type ToastInput,
  type Toasts,
  type ToastTone,
  useToasts,
} from './Toaster.tsx';
export { Tooltip, type TooltipProps } from './Tooltip.tsx';
export type { SortValue, TableSort } from './table-sort.ts';
export { applyTheme, type Theme } from './theme.ts';
