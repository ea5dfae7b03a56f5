import Foundation
import PreflightCLI

exit(CommandLineTool.main())
