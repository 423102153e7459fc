export default function WorkloadLogsTab() { return null; }
