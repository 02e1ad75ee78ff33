import ActLabCLI
import Foundation

exit(ActLab.runAsMain())
